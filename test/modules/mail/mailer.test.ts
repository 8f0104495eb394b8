import { expect } from 'chai';
import { once } from 'node:events';
import { readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createLogger } from '../../../src/logger.js';
import { createMailer, deliver } from '../../../src/modules/mail/mailer.js';
import { testConfig } from '../../support/app.js';
import { workerDataDir } from '../../support/database.js';

const log = createLogger('silent');
const message = { to: 'ash@example.test', subject: 'Hello', text: 'A line of text' };

/** Just enough of SMTP to accept one message and hand back what was sent. */
async function fakeSmtpServer() {
  const received: string[] = [];
  const server = createServer((socket) => {
    let inData = false;
    let data = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      if (inData) {
        data += chunk.toString();
        if (!data.endsWith('\r\n.\r\n')) return;
        received.push(data);
        inData = false;
        socket.write('250 queued\r\n');
        return;
      }
      for (const line of chunk.toString().split('\r\n').filter(Boolean)) {
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (command === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, received, close: () => server.close() };
}

describe('mailer', () => {
  it('without SMTP_URL writes each message as a JSON file in <dataDir>/outbox', async () => {
    const config = testConfig({ DATA_DIR: join(workerDataDir(), 'mailer'), MAIL_FROM: 'Shop <shop@example.test>' });
    const dir = join(config.dataDir, 'outbox');
    await rm(dir, { recursive: true, force: true });
    await createMailer(config, log).send(message);
    const [file] = await readdir(dir);
    expect(JSON.parse(await readFile(join(dir, file!), 'utf8'))).to.include({ ...message, from: 'Shop <shop@example.test>' });
  });

  it('with SMTP_URL sends through SMTP', async () => {
    const smtp = await fakeSmtpServer();
    try {
      await createMailer(testConfig({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'shop@example.test' }), log).send(message);
      expect(smtp.received).to.have.length(1);
      expect(smtp.received[0]).to.contain('Subject: Hello').and.contain('To: ash@example.test').and.contain('A line of text');
    } finally {
      smtp.close();
    }
  });

  it('deliver reports a failing server as false instead of throwing', async () => {
    const smtp = await fakeSmtpServer();
    smtp.close();
    const mailer = createMailer(testConfig({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }), log);
    expect(await deliver(mailer, log, message)).to.equal(false);
  });
});
