import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { ActivityService } from '../../activity/activity.service.js';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '../../config/app-config.js';
import type { User } from '../../users/entities/user.entity.js';
import type { Role } from '../../users/roles.js';
import { UsersService } from '../../users/users.service.js';
import { AuthService, type SignedIn } from '../auth.service.js';
import type { OidcStatusDto } from '../dto/oidc.dto.js';
import { TotpService } from '../totp/totp.service.js';
import { OidcFlows } from './oidc-flows.js';
import { groupsOf, roleFor, usernameCandidates } from './oidc-roles.js';
import { OidcRepository } from './oidc.repository.js';

export const CALLBACK_PATH = '/api/auth/oidc/callback';

/** A sign-in the console refuses, with the status and the sentence for the refusal page. */
export class OidcRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Single sign-on with OpenID Connect (authorization code + PKCE, state and nonce) through
 * openid-client. The role comes from a claim through auth.oidc.role_map at every sign-in; no
 * mapped group means no sign-in. Accounts are found by issuer + subject only.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly flows = new OidcFlows();
  private readonly oidc?: OidcConfig;
  private discovered?: Promise<client.Configuration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: OidcRepository,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly totp: TotpService,
    private readonly activity: ActivityService,
  ) {
    this.oidc = config.auth.oidc;
  }

  status(): OidcStatusDto {
    return {
      enabled: this.oidc !== undefined,
      buttonLabel: this.oidc?.buttonLabel,
      localLogin: this.config.auth.localLogin,
    };
  }

  /** Starts a sign-in: the provider's authorization URL and the id of the flow (for the cookie). */
  async begin(requestOrigin: string): Promise<{ url: string; flowId: string }> {
    const oidc = this.mustBeOn();
    const configuration = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const redirectUri = `${oidc.publicUrl ?? requestOrigin}${CALLBACK_PATH}`;
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: oidc.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const flowId = this.flows.add({ state, nonce, codeVerifier, redirectUri });
    return { url: url.href, flowId };
  }

  /** Finishes a sign-in at the callback: checks everything and opens a session, or refuses. */
  async finish(flowId: string | undefined, callbackQuery: string): Promise<SignedIn> {
    const oidc = this.mustBeOn();
    const flow = this.flows.take(flowId);
    if (!flow) {
      throw new OidcRefusal(
        400,
        'This sign-in expired or was started in another browser. Start again.',
      );
    }
    const params = new URLSearchParams(callbackQuery);
    const error = params.get('error');
    if (error) {
      throw new OidcRefusal(
        403,
        `The identity provider refused the sign-in (${error.slice(0, 100)}).`,
      );
    }
    const claims = await this.exchange(flow, callbackQuery);
    const subject = String(claims.sub);
    const role = roleFor(groupsOf(claims[oidc.roleClaim]), oidc.roleMap);
    if (!role) {
      throw new OidcRefusal(
        403,
        `Your account at the identity provider has no group that gives a ProxiCloud role (claim "${oidc.roleClaim}"). Ask an admin to add you to one.`,
      );
    }
    const user = await this.accountFor(oidc, subject, claims, role);
    this.totp.markExternal(user.id);
    return this.auth.startSession(user);
  }

  /** finish(), with the outcome in the activity feed (L-8). */
  async finishRecorded(flowId: string | undefined, query: string, ip: string): Promise<SignedIn> {
    try {
      const signedIn = await this.finish(flowId, query);
      await this.activity.recordSignIn('sign-in', signedIn.me.username, ip, true, 'single sign-on');
      return signedIn;
    } catch (error) {
      await this.activity.recordSignIn('sign-in', '(sso)', ip, false, (error as Error).message);
      throw error;
    }
  }

  private async exchange(
    flow: { state: string; nonce: string; codeVerifier: string; redirectUri: string },
    query: string,
  ) {
    const configuration = await this.configuration();
    const current = new URL(`${flow.redirectUri}?${query}`);
    try {
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const roleClaim = this.oidc!.roleClaim;
      if (idClaims[roleClaim] !== undefined) return idClaims as Record<string, unknown>;
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      return { ...info, ...idClaims } as Record<string, unknown>;
    } catch (error) {
      this.logger.warn(`OIDC sign-in failed: ${(error as Error).message}`);
      throw new OidcRefusal(
        400,
        "The identity provider's answer could not be verified. Start again.",
      );
    }
  }

  /** The linked account (its role kept in step with the claim), or a new one if allowed. */
  private async accountFor(
    oidc: OidcConfig,
    subject: string,
    claims: Record<string, unknown>,
    role: Role,
  ): Promise<User> {
    const link = await this.repo.find(oidc.issuer, subject);
    const linked = link ? await this.users.findById(link.userId) : null;
    if (linked) {
      if (linked.role === role) return linked;
      try {
        await this.users.update(linked.id, { role }, undefined);
      } catch (error) {
        throw new OidcRefusal(409, (error as Error).message);
      }
      return { ...linked, role };
    }
    if (!oidc.autoCreate) {
      throw new OidcRefusal(
        403,
        'No ProxiCloud account is linked to your identity, and accounts are not created automatically. Ask an admin.',
      );
    }
    return this.create(oidc.issuer, subject, claims, role);
  }

  private async create(
    issuer: string,
    subject: string,
    claims: Record<string, unknown>,
    role: Role,
  ): Promise<User> {
    // the password is random and never shown: such an account signs in through the provider only
    const password = randomBytes(32).toString('base64url');
    for (const username of usernameCandidates(claims, subject)) {
      try {
        const dto = await this.users.create({ username, password, role });
        await this.repo.link(issuer, subject, dto.id);
        return (await this.users.findById(dto.id))!;
      } catch (error) {
        if ((error as { kind?: string }).kind !== 'conflict') throw error;
      }
    }
    throw new OidcRefusal(409, 'Could not find a free username for your account. Ask an admin.');
  }

  private configuration(): Promise<client.Configuration> {
    const oidc = this.mustBeOn();
    this.discovered ??= this.discover(oidc).catch((error: unknown) => {
      this.discovered = undefined;
      this.logger.warn(`OIDC discovery of ${oidc.issuer} failed: ${(error as Error).message}`);
      throw new OidcRefusal(502, 'The identity provider cannot be reached. Try again later.');
    });
    return this.discovered;
  }

  private discover(oidc: OidcConfig): Promise<client.Configuration> {
    const issuer = new URL(oidc.issuer);
    const auth = oidc.clientSecret ? client.ClientSecretPost(oidc.clientSecret) : client.None();
    // plain http is accepted by the config for a loopback issuer only (tests, side-cars)
    const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {};
    return client.discovery(issuer, oidc.clientId, undefined, auth, options);
  }

  private mustBeOn(): OidcConfig {
    if (!this.oidc) throw new OidcRefusal(404, 'Single sign-on is not configured.');
    return this.oidc;
  }
}
