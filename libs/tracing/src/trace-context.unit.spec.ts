import { childTraceparent, isTraceparent } from './trace-context';

describe('trace context', () => {
  const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('continues the trace with a new span', () => {
    const child = childTraceparent(parent);
    expect(isTraceparent(child)).toBe(true);
    expect(child.slice(0, 36)).toBe(parent.slice(0, 36));
    expect(child.slice(36, 52)).not.toBe('00f067aa0ba902b7');
    expect(child.endsWith('-01')).toBe(true);
  });

  it('gives each span and each new trace ids of its own', () => {
    const started = Array.from({ length: 1000 }, () => childTraceparent(null));
    expect(new Set(started.map((traceparent) => traceparent.slice(3, 35))).size).toBe(1000);
    expect(new Set(started.map((traceparent) => traceparent.slice(36, 52))).size).toBe(1000);
    expect(started.every(isTraceparent)).toBe(true);
  });

  it('starts a new trace when there is no valid parent', () => {
    for (const missing of [undefined, null, 'garbage', '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']) {
      const started = childTraceparent(missing);
      expect(isTraceparent(started)).toBe(true);
      expect(started).not.toContain('4bf92f3577b34da6a3ce929d0e0e4736');
    }
  });
});
