// A browser step waits for pages to build and servers to answer: give each test room.
jest.setTimeout(90_000)
