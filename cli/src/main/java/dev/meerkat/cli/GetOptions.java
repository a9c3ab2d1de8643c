package dev.meerkat.cli;

/** The checked options of {@code get}: the request, the client's settings, what is shown, and how often. */
record GetOptions(GetRequest request, ClientSettings client, Display display, int repeat) {
}
