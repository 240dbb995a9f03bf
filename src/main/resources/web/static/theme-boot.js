// The theme this browser chose in Settings, on the page before it is first drawn (the bundled modules run only after
// the page is parsed, and the Content-Security-Policy allows no inline script). theme.js does the rest.
try {
  var choice = localStorage.getItem('synin.theme');
  if (choice === 'light' || choice === 'dark') {
    document.documentElement.dataset.theme = choice;
  }
} catch (e) {
  // no storage: the system's preference applies
}
