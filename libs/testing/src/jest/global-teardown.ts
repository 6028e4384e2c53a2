/** Stops only what global set-up started. */
export default async function globalTeardown(): Promise<void> {
  const infrastructure = globalThis.__CSC_TEST_INFRASTRUCTURE__;
  globalThis.__CSC_TEST_INFRASTRUCTURE__ = undefined;
  await infrastructure?.stop();
}
