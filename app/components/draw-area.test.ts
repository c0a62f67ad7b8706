import { describe, expect, it } from 'vitest'
import { polygonOf } from './draw-area'

describe('a drawn area', () => {
  it('is nothing until it has three corners', () => {
    expect(polygonOf([])).toBeNull()
    expect(
      polygonOf([
        [53.2, 6.5],
        [53.21, 6.5],
      ]),
    ).toBeNull()
  })

  it('becomes a closed GeoJSON ring, longitude first, rounded to six decimals', () => {
    expect(
      polygonOf([
        [53.2194449, 6.5665123],
        [53.22, 6.57],
        [53.21, 6.58],
      ]),
    ).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [6.566512, 53.219445],
          [6.57, 53.22],
          [6.58, 53.21],
          [6.566512, 53.219445],
        ],
      ],
    })
  })
})
