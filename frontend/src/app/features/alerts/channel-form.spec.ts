import { ChannelDto } from '../../api/models';
import { ChannelFormValue, channelBody, channelTarget, fieldsOf } from './channel-form';

const blank: ChannelFormValue = {
  type: 'webhook',
  name: ' pager ',
  url: '',
  format: 'json',
  secret: '',
  server: '',
  topic: '',
  token: '',
  host: '',
  port: '',
  security: 'starttls',
  from: '',
  to: '',
  username: '',
  password: '',
  capPerHour: '',
  quietHours: '',
};

describe('channelBody', () => {
  it('sends only the fields of the chosen type, leaving blanks out', () => {
    expect(
      channelBody({ ...blank, url: 'https://hook.lan/x', secret: 's3', topic: 'ignored' }),
    ).toEqual({
      type: 'webhook',
      name: 'pager',
      url: 'https://hook.lan/x',
      format: 'json',
      secret: 's3',
    });
  });

  it('turns the port into a number and splits the recipients of an email channel', () => {
    const body = channelBody({
      ...blank,
      type: 'email',
      host: 'smtp.lan',
      port: '2525',
      from: 'pc@lan',
      to: 'a@lan, b@lan;c@lan',
      capPerHour: '5',
      quietHours: '22:00-07:00',
    });
    expect(body).toEqual({
      type: 'email',
      name: 'pager',
      host: 'smtp.lan',
      port: 2525,
      security: 'starttls',
      from: 'pc@lan',
      to: ['a@lan', 'b@lan', 'c@lan'],
      capPerHour: 5,
      quietHours: '22:00-07:00',
    });
  });

  it('shows the secret field of each type that has one', () => {
    expect(fieldsOf('ntfy')).toContain('token');
    expect(fieldsOf('gotify')).toEqual(['url', 'token']);
  });
});

describe('channelTarget', () => {
  const channel = (type: ChannelDto['type'], settings: Record<string, unknown>): ChannelDto => ({
    id: 1,
    name: 'c',
    type,
    settings,
    secretsSet: [],
    capPerHour: 20,
  });
  it('says where each type sends', () => {
    expect(channelTarget(channel('webhook', { url: 'https://h/x', format: 'slack' }))).toBe(
      'https://h/x (slack)',
    );
    expect(channelTarget(channel('ntfy', { server: 'https://ntfy.sh/', topic: 'ops' }))).toBe(
      'https://ntfy.sh/ops',
    );
    expect(channelTarget(channel('gotify', { url: 'https://g' }))).toBe('https://g');
    expect(channelTarget(channel('email', { to: ['a@x', 'b@x'], host: 'smtp', port: 25 }))).toBe(
      'a@x, b@x via smtp:25',
    );
  });
});
