import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesLabels, parseLabelSelector } from './selectors/label.js';
import type { Sandbox } from './types.js';
import { WIDGETS, http, widget, widgetSandbox } from './test-support/fixtures.js';

describe('label selector grammar', () => {
  const labels = { app: 'web', tier: 'front', n: '5' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app in (api, web)', true],
    ['app notin (api,web)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=web,tier in (front,back)', true],
    ['app=web,tier=back', false],
    ['n>4', true],
    ['n<4', false],
    ['', true],
  ])('%s → %s', (sel, expected) => {
    expect(matchesLabels(parseLabelSelector(sel), labels)).toBe(expected);
  });

  it.each(['app in (a', 'app=', '=x', 'a b', 'app in a', 'Bad Key=x', 'n>x'])('rejects %s', (sel) => {
    if (sel === 'app=') {
      expect(matchesLabels(parseLabelSelector(sel), { app: '' })).toBe(true); // empty value is valid
      return;
    }
    expect(() => parseLabelSelector(sel)).toThrow(/unable to parse requirement/);
  });
});

describe('selectors over HTTP', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await widgetSandbox();
    await http(sb, 'POST', WIDGETS, widget('a', { size: 1 }, { metadata: { labels: { app: 'x' } } }));
    await http(sb, 'POST', WIDGETS, widget('b', { size: 1 }, { metadata: { labels: { app: 'y' } } }));
    await http(sb, 'POST', '/api/v1/namespaces/default/events', {
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Widget', name: 'a', namespace: 'default', uid: 'u-1' },
      reason: 'Created',
      type: 'Normal',
      message: 'hello',
    });
  });
  afterAll(() => sb.close());

  const names = (r: { body: { items: Array<{ metadata: { name: string } }> } }) =>
    r.body.items.map((i) => i.metadata.name);

  it('filters lists by labels and fields, across namespaces', async () => {
    expect(names(await http(sb, 'GET', `${WIDGETS}?labelSelector=app%3Dx`))).toEqual(['a']);
    expect(names(await http(sb, 'GET', `${WIDGETS}?labelSelector=app%20notin%20(x)`))).toEqual(['b']);
    expect(names(await http(sb, 'GET', `${WIDGETS}?fieldSelector=metadata.name!%3Da`))).toEqual(['b']);
    expect(
      names(await http(sb, 'GET', `/apis/example.com/v1/widgets?fieldSelector=metadata.namespace%3Ddefault`)),
    ).toEqual(['a', 'b']);
  });

  it('400s bad selectors and unsupported field labels', async () => {
    const bad = await http(sb, 'GET', `${WIDGETS}?labelSelector=app%20in%20(x`);
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toBe('BadRequest');
    const field = await http(sb, 'GET', `${WIDGETS}?fieldSelector=spec.size%3D1`);
    expect(field.status).toBe(400);
    expect(field.body.message).toBe('field label not supported: spec.size');
  });

  it('selects events the way describe does, in both Event API groups', async () => {
    const q =
      'fieldSelector=involvedObject.uid%3Du-1,involvedObject.name%3Da,involvedObject.namespace%3Ddefault,involvedObject.kind%3DWidget';
    const core = await http(sb, 'GET', `/api/v1/namespaces/default/events?${q}&limit=500`, undefined, {
      accept: 'application/vnd.kubernetes.protobuf,application/json',
    });
    expect(core.headers.get('content-type')).toBe('application/json');
    expect(names(core)).toEqual(['e1']);
    const v1 = await http(
      sb,
      'GET',
      '/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=regarding.name%3Da',
    );
    expect(v1.body.items[0]).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      note: 'hello',
      regarding: { name: 'a' },
    });
    await http(sb, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e2' },
      regarding: { kind: 'Widget', name: 'b', namespace: 'default' },
      note: 'from events.k8s.io',
      reason: 'Synced',
      type: 'Normal',
      eventTime: '2026-01-01T00:00:00.000000Z',
      action: 'Sync',
      reportingController: 'test',
      reportingInstance: 'test-1',
    });
    const back = await http(sb, 'GET', '/api/v1/namespaces/default/events/e2');
    expect(back.body).toMatchObject({
      apiVersion: 'v1',
      message: 'from events.k8s.io',
      involvedObject: { name: 'b' },
    });
  });
});
