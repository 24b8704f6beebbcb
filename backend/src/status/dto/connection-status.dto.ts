import { ApiProperty } from '@nestjs/swagger';

export class ConnectionStatusDto {
  @ApiProperty({
    enum: ['online', 'degraded', 'offline'],
    description:
      'online: Proxmox answers; degraded: Proxmox answers but some nodes are offline; ' +
      'offline: the console cannot talk to Proxmox and serves cached data. ' +
      'Starts as online until a Proxmox call says otherwise.',
    example: 'online',
  })
  state: 'online' | 'degraded' | 'offline';

  @ApiProperty({
    description: 'When this state began, ISO 8601',
    example: '2026-11-26T04:10:00.000Z',
  })
  since: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Last successful answer from Proxmox, ISO 8601 (kept across restarts)',
    example: '2026-11-26T04:10:00.000Z',
  })
  lastContact: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['unreachable', 'tls', 'auth', 'timeout', 'node-offline'],
    description: 'Why the state is not online; null when online',
    example: null,
  })
  reason: 'unreachable' | 'tls' | 'auth' | 'timeout' | 'node-offline' | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Finer cause, e.g. fingerprint-mismatch, untrusted or handshake for tls',
    example: null,
  })
  detail: string | null;

  @ApiProperty({
    description: 'A sentence for the connection banner',
    example: 'Connected to Proxmox',
  })
  message: string;

  @ApiProperty({
    enum: ['live', 'demo'],
    description: 'demo: the embedded pve-sim stands in for Proxmox',
  })
  mode: 'live' | 'demo';

  @ApiProperty({
    description: 'False while offline: actions are refused with 503 and should be disabled',
  })
  writable: boolean;

  @ApiProperty({
    type: [String],
    description:
      'Nodes away (degraded state): offline in the cluster view, or not answering calls (see unreachableNodes)',
    example: [],
  })
  offlineNodes: string[];

  @ApiProperty({
    type: [String],
    description:
      'Of offlineNodes, those the cluster lists as online whose calls time out or answer 59x (a hung node): their reads answer from the cache, writes to them get 503',
    example: [],
  })
  unreachableNodes: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The Proxmox node URL the console talks to now (one of PROXICLOUD_PVE_URL); null when none is configured',
    example: 'https://pve1.lan:8006',
  })
  endpoint: string | null;

  @ApiProperty({
    type: [String],
    description: 'Every configured node URL, the preferred first',
    example: ['https://pve1.lan:8006', 'https://pve2.lan:8006'],
  })
  endpoints: string[];

  @ApiProperty({
    description:
      'True while the console talks to another node than the preferred (first) one because that one does not answer; it goes back once it does',
    example: false,
  })
  failedOver: boolean;
}
