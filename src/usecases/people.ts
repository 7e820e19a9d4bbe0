// People and groups: /register, /officers, approvals, /linkgroup, confirmations.
import type { Routes } from '../conversation/router.js';

export const peopleRoutes: Routes = {};
