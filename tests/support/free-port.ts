import net, { type AddressInfo } from "node:net";

/** A loopback port nobody listens on right now, so parallel test runs never collide on a fixed one. */
export async function freePort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
