import { BadRequestException, type PipeTransform } from '@nestjs/common';

export const VMID_MIN = 100;
export const VMID_MAX = 999_999_999;
const NODE_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** Path parameter {vmid}: a whole number in PVE's range. */
export class VmidPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < VMID_MIN || n > VMID_MAX) {
      throw new BadRequestException({
        message: `vmid must be a whole number from ${VMID_MIN} to ${VMID_MAX}, got '${value}'`,
        fields: { vmid: 'invalid' },
      });
    }
    return n;
  }
}

/** Path parameter {node}: a PVE node name. */
export class NodeNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!NODE_NAME.test(value)) {
      throw new BadRequestException({
        message: `node must be a node name (letters, digits and '-'), got '${value}'`,
        fields: { node: 'invalid' },
      });
    }
    return value;
  }
}

/** Query booleans: true/false/1/0/yes/no; anything else is left as is for the validator to refuse. */
export function toBoolean({ value }: { value: unknown }): unknown {
  if (typeof value === 'boolean') return value;
  const t = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'no', 'off'].includes(t)) return false;
  return value;
}
