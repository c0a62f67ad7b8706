export * from './areas'
export * from './users'
export * from './mail'
export * from './participation'
