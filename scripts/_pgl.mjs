import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
let t=Date.now()
const pg = await PGlite.create({ extensions: { postgis } })
console.log('create', Date.now()-t); t=Date.now()
await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis;')
console.log('ext', Date.now()-t); t=Date.now()
const r = await pg.query(`select ST_Distance(ST_GeogFromText('POINT(6.56 53.21)'), ST_GeogFromText('POINT(6.57 53.22)')) d, postgis_version() v`)
console.log(r.rows, Date.now()-t); t=Date.now()
const dump = await pg.dumpDataDir('none')
console.log('dump', Date.now()-t, dump.size); t=Date.now()
const pg2 = await PGlite.create({ loadDataDir: dump, extensions: { postgis } })
const r2 = await pg2.query(`select ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(6.56,53.21),4326),28992)) t`)
console.log('load', Date.now()-t, r2.rows)
