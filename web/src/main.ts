// One HTML page, two applications: the resident pages under /h5/ (mobile-first, small, without
// Element Plus), with the public check of a volunteer's certificate (/verify/<number>, the link its
// QR code prints), and the console everywhere else. `shequ serve` answers every page path with the
// same index.html, so the choice is made here; each application is its own chunk.
const { pathname } = location
const isResidentPage = pathname === '/h5' || pathname.startsWith('/h5/') || pathname === '/verify' || pathname.startsWith('/verify/')

const start = isResidentPage ? import('./h5/main') : import('./console')

start.catch((error: unknown) => {
  // A chunk failed to load (network, or an old page after an upgrade): say so instead of a blank page.
  const root = document.getElementById('app')
  if (root) {
    root.textContent = '页面加载失败，请刷新重试。The page could not be loaded; please reload.'
  }
  console.error(error)
})
