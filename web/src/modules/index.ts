// The console's modules, one line each, named as on the server (SHEQU_MODULES in
// src/CMakeLists.txt, plus the platform's own "system" declaration in src/app/app.cpp). The order
// does not matter: the menu is ordered by each module's group and each page's order. See
// web/README.md.
export { default as org } from './org'
export { default as auth } from './auth'
export { default as audit } from './audit'
export { default as jobs } from './jobs'
export { default as inbox } from './inbox'
export { default as access } from './access'
export { default as facility } from './facility'
export { default as indicator } from './indicator'
export { default as report } from './report'
export { default as requests } from './requests'
export { default as residents } from './residents'
export { default as volunteer } from './volunteer'
export { default as workforce } from './workforce'
export { default as alerts } from './alerts'
export { default as surveys } from './surveys'
export { default as readiness } from './readiness'
export { default as lists } from './lists'
export { default as plan } from './plan'
export { default as charity } from './charity'
export { default as system } from './system'
