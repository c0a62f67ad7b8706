import { Form, Link, useNavigation } from '@remix-run/react'
import { useT, type MessageKey } from '~/utils/i18n'

/*
 * The page of a bulk import for staff (besluiten, bekendmakingen): a file field, and after sending the
 * report — how many rows came in and, per broken row, why. Works without JavaScript (a plain multipart
 * POST). Each module names its own texts; the server half is `readImportUpload` in import-upload.server.
 */

export interface ImportReportView {
  imported: number
  errors: { row: number; reason: string }[]
}

export type ImportActionData = { report: ImportReportView } | { error: MessageKey }

export interface ImportTexts {
  back: MessageKey
  title: MessageKey
  hint: MessageKey
  result: MessageKey
  errors: MessageKey
  row: MessageKey
  file: MessageKey
  submit: MessageKey
}

export function ImportUpload({
  backTo,
  texts,
  accept,
  data,
}: {
  backTo: string
  texts: ImportTexts
  /** The file types the file picker offers. */
  accept: string
  data: ImportActionData | undefined
}) {
  const t = useT()
  const navigation = useNavigation()
  return (
    <>
      <p>
        <Link to={backTo}>{t(texts.back)}</Link>
      </p>
      <h1>{t(texts.title)}</h1>
      <p>{t(texts.hint)}</p>
      {data && 'error' in data ? (
        <div className="form-error" role="alert">
          {t(data.error)}
        </div>
      ) : null}
      {data && 'report' in data ? (
        <section aria-labelledby="import-report" data-testid="import-report">
          <h2 id="import-report" role="status">
            {t(texts.result, { n: data.report.imported })}
          </h2>
          {data.report.errors.length > 0 ? (
            <>
              <h3>{t(texts.errors)}</h3>
              <ul>
                {data.report.errors.map((e) => (
                  <li key={`${e.row}-${e.reason}`}>
                    {t(texts.row, { row: e.row })}: {e.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="file">{t(texts.file)}</label>
          <input type="file" id="file" name="file" accept={accept} />
        </div>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t(texts.submit)}
        </button>
      </Form>
    </>
  )
}
