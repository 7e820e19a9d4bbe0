// Following up: /propose, /assign, /digest, /setdigest, /editagency.
import type { Routes } from '../conversation/router.js';

export const coordinationRoutes: Routes = {};
