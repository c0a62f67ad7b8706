import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import type { Polygon } from 'geojson'
import { DrawArea, PointMap } from '~/components/maps'
import { ClientOnly } from '~/components/hydrated'
import { redirectWithFlash, requirePermission } from '~/auth/session.server'
import { withAssistedRecord } from '~/auth/acting.server'
import { Field, FormError, SelectField, SubmitButton, TextAreaField, useStemForm, type StemForm } from '~/components/forms'
import { listAreas } from '~/modules/areas/queries.server'
import { ChoiceGroup } from '~/modules/alerts/components'
import { TOPICS } from '~/modules/alerts/deadline'
import { alertsPermissions } from '~/modules/alerts/permissions'
import { createPlace, deletePlace, openNearPlace, placesOf } from '~/modules/alerts/places.server'
import { ALERT_LIMITS, CHANNELS, CONSENT_VERSION, PLACE_MODES, placeSchema } from '~/modules/alerts/validation'
import { parseForm, refusalFailure } from '~/utils/forms'
import { useLocale, useT, type MessageKey } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { useRootData } from '~/utils/root-data'
import { formatInstant } from '~/utils/time'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  // While a helper acts for a resident, these are the resident's places (assisted module).
  const actor = (await requirePermission(request, alertsPermissions.managePlaces, undefined))!
  const url = new URL(request.url)
  const newId = Number(url.searchParams.get('nieuw'))
  const places = await placesOf(actor.id)
  const [wijken, buurten] = await Promise.all([listAreas('wijk'), listAreas('buurt')])
  return json({
    places: places.map((p) => ({ ...p, consentedAt: p.consentedAt.toISOString() })),
    areas: [
      ...wijken.map((w) => ({ code: w.code, name: `Wijk ${w.name}` })),
      ...buurten.map((b) => ({ code: b.code, name: `Buurt ${b.name}` })),
    ],
    newPlace: Number.isSafeInteger(newId) && newId > 0 ? { id: newId, open: await openNearPlace(actor.id, newId) } : null,
    // Coming from "plans near an address" on /bekendmakingen: that address or point, filled in.
    prefill: {
      postcode: (url.searchParams.get('postcode') ?? '').slice(0, 10),
      houseNumber: (url.searchParams.get('huisnummer') ?? '').slice(0, 6),
      lat: (url.searchParams.get('lat') ?? '').slice(0, 12),
      lon: (url.searchParams.get('lon') ?? '').slice(0, 12),
      radius: /^\d{3,4}$/.test(url.searchParams.get('straal') ?? '') ? url.searchParams.get('straal')! : '500',
    },
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = (await requirePermission(request, alertsPermissions.managePlaces, undefined))!
  const assisted = actor.actingFor
  const formData = await request.formData()
  if (formData.get('intent') === 'delete') {
    const placeId = Number(formData.get('placeId'))
    await withAssistedRecord(
      assisted,
      (db) => deletePlace(actor.id, placeId, db),
      (deleted) => (deleted ? { action: 'alert.place_delete', itemKind: 'alert_place', itemId: String(placeId) } : null),
    )
    return redirectWithFlash(request, '/mijn/plekken', 'alerts.place_deleted')
  }
  // The maps (with JavaScript) write hidden fields; what was chosen on a map wins over the typed fields.
  const mapLat = String(formData.get('map_lat') ?? '')
  const mapLon = String(formData.get('map_lon') ?? '')
  if (mapLat && mapLon) {
    formData.set('lat', mapLat)
    formData.set('lon', mapLon)
  }
  const drawn = String(formData.get('drawn_geojson') ?? '')
  if (drawn) formData.set('geojson', drawn)
  formData.delete('map_lat')
  formData.delete('map_lon')
  formData.delete('drawn_geojson')
  const parsed = parseForm(placeSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await withAssistedRecord(
    assisted,
    (db) => createPlace(actor.id, parsed.data, new Date(), db),
    (r) => (r.ok ? { action: 'alert.place', itemKind: 'alert_place', itemId: String(r.id) } : null),
  )
  if (!result.ok) return json(refusalFailure(result, formData), { status: 400 })
  return redirectWithFlash(request, `/mijn/plekken?nieuw=${result.id}`, 'alerts.place_saved')
}

/** A drawn or pasted polygon that came back after refused input, to show on the drawing map again. */
function polygonFrom(text: unknown): Polygon | null {
  if (typeof text !== 'string' || !text.trim()) return null
  try {
    const value = JSON.parse(text) as { type?: unknown; coordinates?: unknown }
    return value.type === 'Polygon' && Array.isArray(value.coordinates) ? (value as Polygon) : null
  } catch {
    return null
  }
}

type Prefill = { postcode: string; houseNumber: string; lat: string; lon: string; radius: string }

function AddressFields({ form, prefill }: { form: StemForm; prefill: Prefill }) {
  const t = useT()
  return (
    <fieldset>
      <legend>{t('alerts.mode_address')}</legend>
      <Field
        form={form}
        name="postcode"
        label="fields.postcode"
        autoComplete="postal-code"
        maxLength={10}
        defaultValue={prefill.postcode}
        narrow
      />
      <Field
        form={form}
        name="houseNumber"
        label="fields.house_number"
        inputMode="numeric"
        maxLength={5}
        defaultValue={prefill.houseNumber}
        narrow
      />
      <Field form={form} name="addition" label="fields.addition" maxLength={10} narrow />
    </fieldset>
  )
}

function PointFields({ form, prefill }: { form: StemForm; prefill: Prefill }) {
  const t = useT()
  const root = useRootData()
  const lat = Number(form.valueOf('lat'))
  const lon = Number(form.valueOf('lon'))
  const initialPoint = form.valueOf('lat') && form.valueOf('lon') && Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null
  return (
    <fieldset>
      <legend>{t('alerts.mode_point')}</legend>
      <p className="hint">{t('alerts.point_hint')}</p>
      {root ? (
        <ClientOnly fallback={null}>
          {() => (
            <PointMap
              name="map"
              initial={initialPoint}
              tileUrl={root.map.tileUrl}
              attribution={root.map.attribution}
              label={t('alerts.point_map_label')}
              chosenText={(la, lo) => t('alerts.point_map_chosen', { lat: la, lon: lo })}
              clearText={t('alerts.point_map_clear')}
              radiusField="radius"
            />
          )}
        </ClientOnly>
      ) : null}
      <Field form={form} name="lat" label="alerts.lat" inputMode="decimal" maxLength={12} defaultValue={prefill.lat} narrow />
      <Field form={form} name="lon" label="alerts.lon" inputMode="decimal" maxLength={12} defaultValue={prefill.lon} narrow />
    </fieldset>
  )
}

function DrawnFields({ form }: { form: StemForm }) {
  const t = useT()
  const root = useRootData()
  return (
    <fieldset>
      <legend>{t('alerts.mode_drawn')}</legend>
      {root ? (
        <ClientOnly fallback={null}>
          {() => (
            <DrawArea
              name="drawn_geojson"
              initial={polygonFrom(form.valueOf('geojson'))}
              tileUrl={root.map.tileUrl}
              attribution={root.map.attribution}
              label={t('alerts.draw_map_label')}
            />
          )}
        </ClientOnly>
      ) : null}
      <TextAreaField
        form={form}
        name="geojson"
        label="alerts.geojson"
        hint="alerts.geojson_hint"
        maxLength={ALERT_LIMITS.geoJsonChars}
        rows={3}
      />
    </fieldset>
  )
}

function PlaceForm({ areas, prefill }: { areas: { code: string; name: string }[]; prefill: Prefill }) {
  const t = useT()
  const form = useStemForm(placeSchema)
  return (
    // Validated on the server only: check-box groups do not map cleanly onto the browser-side form state.
    <Form method="post" noValidate aria-labelledby="add-place">
      <FormError form={form} />
      <ChoiceGroup
        form={form}
        name="mode"
        legend="alerts.mode"
        type="radio"
        defaultValue={prefill.lat && prefill.lon && !prefill.postcode ? 'point' : 'address'}
        options={PLACE_MODES.map((m) => ({ value: m, label: t(`alerts.mode_${m}` as MessageKey) }))}
      />
      <AddressFields form={form} prefill={prefill} />
      <fieldset>
        <legend>{t('alerts.mode_area')}</legend>
        <SelectField
          form={form}
          name="areaCode"
          label="alerts.area_code"
          options={[{ value: '', label: t('alerts.area_choose') }, ...areas.map((a) => ({ value: a.code, label: a.name }))]}
        />
      </fieldset>
      <PointFields form={form} prefill={prefill} />
      <DrawnFields form={form} />
      <Field
        form={form}
        name="radius"
        label="alerts.radius"
        hint="alerts.radius_hint"
        inputMode="numeric"
        defaultValue={prefill.radius}
        maxLength={5}
        narrow
      />
      <ChoiceGroup
        form={form}
        name="topics"
        legend="alerts.topics"
        type="checkbox"
        defaultValue={['building']}
        options={TOPICS.map((topic) => ({ value: topic, label: t(`alerts.topic.${topic}` as MessageKey) }))}
      />
      <ChoiceGroup
        form={form}
        name="channel"
        legend="alerts.channel"
        type="radio"
        defaultValue="immediate"
        options={CHANNELS.map((c) => ({ value: c, label: t(`alerts.channel.${c}` as MessageKey) }))}
      />
      <p className="notice" id="consent-text">
        {t('alerts.consent_text')}
      </p>
      <ChoiceGroup
        form={form}
        name="consent"
        legend="alerts.consent"
        type="checkbox"
        options={[{ value: 'yes', label: t('alerts.consent') }]}
      />
      <SubmitButton form={form} label="alerts.save_place" />
    </Form>
  )
}

export default function MyPlaces() {
  const t = useT()
  const locale = useLocale()
  const { places, areas, newPlace, prefill } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t('alerts.places_title')}</h1>
      <p className="lead">{t('alerts.places_lead')}</p>
      <p>{t('alerts.places_private')}</p>
      {newPlace ? (
        <section aria-labelledby="open-nearby" className="notice">
          <h2 id="open-nearby">{t('alerts.open_nearby')}</h2>
          {newPlace.open.length === 0 ? (
            <p>{t('alerts.open_nearby_none')}</p>
          ) : (
            <ul data-testid="open-nearby">
              {newPlace.open.map((o) => (
                <li key={o.href}>
                  <Link to={o.href}>{o.title}</Link> — {t('alerts.metres_away', { m: o.distanceM })}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {places.length === 0 ? (
        <p>{t('alerts.places_none')}</p>
      ) : (
        <ul className="card-list" data-testid="places">
          {places.map((p) => (
            <li key={p.id}>
              <h2>{p.label}</h2>
              <p>
                {p.radiusM ? `${t('alerts.radius_of', { m: p.radiusM })} · ` : ''}
                {p.topics.map((topic) => t(`alerts.topic.${topic}` as MessageKey)).join(', ')} ·{' '}
                {t(`alerts.channel.${p.channel}` as MessageKey)}
              </p>
              <p className="hint">
                {t('alerts.consent_given', {
                  date: formatInstant(p.consentedAt, locale, 'datetime-long'),
                  version: p.consentVersion,
                })}
              </p>
              <Form method="post">
                <input type="hidden" name="placeId" value={p.id} />
                <button type="submit" name="intent" value="delete" className="secondary">
                  {t('alerts.delete_place')}
                  <span className="visually-hidden"> {p.label}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h2 id="add-place">{t('alerts.add_place')}</h2>
      <PlaceForm areas={areas} prefill={prefill} />
      <p className="hint">
        {t('alerts.consent')}: {CONSENT_VERSION}
      </p>
    </>
  )
}

export const meta: MetaFunction = (args) => pageTitle(args, 'alerts.places_title')
