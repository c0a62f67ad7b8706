import type { ModuleManifest } from '../types'
import { budgetPermissions } from './permissions'

export const budgetsManifest: ModuleManifest = {
  id: 'budgets',
  nav: [{ to: '/begrotingen', label: 'budgets.nav' }],
  admin: [
    {
      to: '/beheer/begrotingen',
      label: 'budgets.admin_title',
      description: 'budgets.admin_description',
      rule: budgetPermissions.enterPaperBallot,
    },
  ],
}
