import { describe, expect, it } from "vitest";
import { parseServerList, rotateServers } from "@/src/realtime/client/server-list";

describe("a list of realtime servers", () => {
  it("parses comma or space separated http(s) addresses and leaves out the rest", () => {
    expect(parseServerList("http://a:3000, https://b.example/ ftp://c  http://d:1")).toEqual([
      "http://a:3000",
      "https://b.example",
      "http://d:1",
    ]);
    expect(parseServerList(undefined)).toEqual([]);
  });

  it("each reconnection attempt goes to the next address, round the ring", () => {
    let attempt: () => void = () => {};
    const socket = {
      io: {
        uri: "http://b:2",
        on: (_e: string, fn: () => void) => {
          attempt = fn;
        },
      },
    };
    rotateServers(socket, ["http://a:1", "http://b:2", "http://c:3"]);
    const seen: string[] = [];
    for (let n = 0; n < 4; n++) {
      attempt();
      seen.push(socket.io.uri);
    }
    expect(seen).toEqual(["http://c:3", "http://a:1", "http://b:2", "http://c:3"]);
  });
});
