import { startReceiver } from './receiver';

/**
 * Run: WEBHOOK_SECRET=<the secret your school was given> PORT=4100 npm run example:receiver
 * then set your school's webhook to the URL it prints (PUT /v1/schools/{urn}/webhook).
 */
const main = async () => {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) throw new Error('WEBHOOK_SECRET: the secret returned when the webhook was set');
  const receiver = await startReceiver({
    secret,
    port: Number(process.env.PORT ?? 4100),
    onNotification: (notification) => {
      const contact = notification.socialWorker ? ` Contact: ${notification.socialWorker.name}.` : '';
      console.log(`${notification.occurredAt} ${notification.type} child ${notification.childId}: ${notification.summary}${contact}`);
    },
    log: (line) => console.error(line),
  });
  console.log(`school webhook receiver listening at ${receiver.url}`);
  const stop = () => void receiver.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
