import { AlertChannel } from './alert-channel.entity.js';
import { AlertNotification } from './alert-notification.entity.js';
import { AlertRule } from './alert-rule.entity.js';
import { Alert } from './alert.entity.js';

export const ALERT_ENTITIES = [AlertRule, AlertChannel, Alert, AlertNotification];
