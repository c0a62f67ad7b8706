export const nl = {
  'assisted.title': 'assisted',
} as const

export const en: Record<keyof typeof nl, string> = {
  'assisted.title': 'assisted',
}
