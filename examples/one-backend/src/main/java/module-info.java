/** The example as a module: it needs the core only; the backend is found at run time. */
module dev.meerkat.examples.onebackend {
    requires dev.meerkat;
}
