/**
 * Resource locator values arrive as `{ __rl, mode, value }` when picked in the editor and as
 * plain values when an expression replaced the whole parameter; both mean the same id.
 */
export function locatorValue(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && '__rl' in value) {
		return (value as { value?: unknown }).value;
	}
	return value;
}
