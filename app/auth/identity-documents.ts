/** The identity documents a desk may record having seen (browser-safe: the forms list them). */
export const IDENTITY_DOCUMENTS = ['passport', 'id_card', 'driving_licence', 'residence_permit'] as const
export type IdentityDocument = (typeof IDENTITY_DOCUMENTS)[number]
