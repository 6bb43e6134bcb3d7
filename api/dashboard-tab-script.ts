/**
 * The tab's sign-in step, run in the Teams client: initialise Teams' JavaScript library,
 * ask Teams for the person's token (single sign-on), exchange it at Heard for a
 * short-lived link to their dashboard, and open it. Served by Heard as a file of its own
 * (the page's policy allows no inline script). Plain ES2017, no build step.
 */
export const TAB_SIGN_IN_SCRIPT = `'use strict';
(function () {
  var status = document.getElementById('status');
  function say(text) { status.textContent = text; }
  var ASK = 'In your chat with Heard, type "dashboard" for a link instead.';
  if (!window.microsoftTeams) { say('Heard could not start its sign-in here. ' + ASK); return; }
  microsoftTeams.app.initialize()
    .then(function () { return microsoftTeams.authentication.getAuthToken(); })
    .then(function (token) {
      return fetch('/dashboard/session', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, credentials: 'omit', cache: 'no-store' });
    })
    .then(function (res) {
      if (res.status === 403) throw new Error('refused');
      if (!res.ok) throw new Error('failed');
      return res.json();
    })
    .then(function (body) { window.location.replace(body.url); })
    .catch(function (error) {
      say(error && error.message === 'refused'
        ? 'Your account is not in Heard\\'s directory, so there is no dashboard for you. Ask the participation team.'
        : 'Heard could not sign you in just now. Close and open the tab to try again. ' + ASK);
    });
})();
`;
