import { ValidateBy } from 'class-validator';
import { badRequest } from '../../common/domain-errors.js';
import { CIDR_V4, isIpv6Address, isIpv6Cidr } from './patterns.js';

/** The network rules of the create wizard, shared by create and the network edit of PATCH. */
export const BRIDGE = /^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/;
export const BRIDGE_MESSAGE = 'bridge must be an interface name such as vmbr0';
export const IP4_CONFIG = new RegExp(`^(dhcp|${CIDR_V4.source.slice(1, -1)})$`);
export const IP4_MESSAGE =
  "ip must be 'dhcp' or an IPv4 address with prefix such as 192.168.1.50/24";
export const IP6_MESSAGE =
  "ip6 must be 'dhcp', 'auto' or an IPv6 address with prefix such as fd00::50/64";
export const GATEWAY6_MESSAGE = 'gateway6 must be an IPv6 address such as fd00::1';

/** 'dhcp', 'auto' or an IPv6 address with prefix (pve-ipv6-config without 'manual'). */
export function isIp6Config(value: unknown): boolean {
  return value === 'dhcp' || value === 'auto' || isIpv6Cidr(value);
}

/** Validates an ip6 setting with a length cap and node's address parser (L-1). */
export function IsIp6Config(): PropertyDecorator {
  return ValidateBy({
    name: 'isIp6Config',
    validator: { validate: isIp6Config, defaultMessage: () => IP6_MESSAGE },
  });
}

/** Validates an IPv6 gateway with a length cap and node's address parser (L-1). */
export function IsIpv6Gateway(): PropertyDecorator {
  return ValidateBy({
    name: 'isIpv6Gateway',
    validator: { validate: isIpv6Address, defaultMessage: () => GATEWAY6_MESSAGE },
  });
}

export interface GatewayFields {
  ip?: string | null;
  gateway?: string | null;
  ip6?: string | null;
  gateway6?: string | null;
}

/** A gateway only makes sense with a static address of its family. */
export function checkGateways(net: GatewayFields, prefix = ''): void {
  if (net.gateway && (!net.ip || net.ip === 'dhcp')) {
    throw badRequest(
      `${prefix}gateway needs a static ip (an address with prefix, not dhcp)`,
      `${prefix}gateway`,
    );
  }
  if (net.gateway6 && (!net.ip6 || net.ip6 === 'dhcp' || net.ip6 === 'auto')) {
    throw badRequest(
      `${prefix}gateway6 needs a static ip6 (an address with prefix)`,
      `${prefix}gateway6`,
    );
  }
}
