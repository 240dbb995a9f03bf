// The OpenID Connect provider of Synin's oidc-mode tests (dev.synin.security.OidcProviderResource starts it).
// Every login name signs in with the password PASSWORD; names starting with "admin" are in the group synin-admins,
// names starting with "deny" are refused (access_denied). No consent screen: the test client is first party.
import http from 'node:http';
import Provider from 'oidc-provider';

const env = (name) => {
  if (!process.env[name]) {
    throw new Error(`${name} is not set`);
  }
  return process.env[name];
};
const port = Number(env('PORT'));
const issuer = `http://localhost:${port}`;
const password = env('PASSWORD');
const scopes = 'openid profile email groups';

const profile = (login) => ({
  sub: `sub-${login}`,
  preferred_username: login,
  name: `Test user ${login}`,
  email: `${login}@example.test`,
  email_verified: true,
  groups: login.startsWith('admin') ? ['staff', 'synin-admins'] : ['staff'],
});

const provider = new Provider(issuer, {
  clients: [{
    client_id: env('CLIENT_ID'),
    client_secret: env('CLIENT_SECRET'),
    redirect_uris: env('REDIRECT_URIS').split(','),
    post_logout_redirect_uris: env('POST_LOGOUT_REDIRECT_URIS').split(','),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  scopes: scopes.split(' '),
  claims: {
    openid: ['sub'],
    profile: ['preferred_username', 'name'],
    email: ['email', 'email_verified'],
    groups: ['groups'],
  },
  cookies: { keys: ['synin-test-cookie-key-not-a-secret'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html><body>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button></body></html>`;
      },
    },
  },
  pkce: { required: () => true },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const login = sub.replace(/^sub-/, '');
    return { accountId: sub, claims: async () => profile(login) };
  },
  async loadExistingGrant(ctx) {
    const known = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (known) {
      return ctx.oidc.provider.Grant.find(known);
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(scopes);
    await grant.save();
    return grant;
  },
});

const form = (uid, message) => `<!DOCTYPE html><html><body>${message ? `<p class="error">${message}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<input name="login"><input name="password" type="password"><button type="submit">Sign in</button>
</form></body></html>`;

const readForm = (req) => new Promise((resolve, reject) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => resolve(new URLSearchParams(body)));
  req.on('error', reject);
});

const handle = provider.callback();
const server = http.createServer(async (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  const interaction = path.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!interaction) {
    handle(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(form(details.uid));
      return;
    }
    const fields = await readForm(req);
    const login = fields.get('login') || '';
    if (login.startsWith('deny')) {
      await provider.interactionFinished(req, res,
        { error: 'access_denied', error_description: 'The user is not allowed in' }, { mergeWithLastSubmission: false });
    } else if (login && fields.get('password') === password) {
      await provider.interactionFinished(req, res, { login: { accountId: `sub-${login}` } }, { mergeWithLastSubmission: false });
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(form(details.uid, 'Wrong password'));
    }
  } catch (error) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end(String(error));
  }
});
server.listen(port, () => console.log(`oidc-provider ready at ${issuer}`));
