/**
 * The conformance suite every TLS backend's tests extend: fixtures (test PKI, engine pairs; the
 * fault proxy comes from {@code dev.meerkat.faults}) and abstract JUnit suites. A test library: it
 * requires JUnit and AssertJ at compile time.
 */
module dev.meerkat.tls.conformance {
    // Nullness annotations (JSpecify): needed to compile, not to run.
    requires static org.jspecify;
    requires transitive dev.meerkat;
    // The fault proxy and its records appear in the suite's public signatures.
    requires transitive dev.meerkat.faults;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires org.assertj.core;

    exports dev.meerkat.tls.conformance;
    // JUnit calls the suites' test methods reflectively, from subclasses in the backends' tests.
    opens dev.meerkat.tls.conformance to org.junit.platform.commons;
}
