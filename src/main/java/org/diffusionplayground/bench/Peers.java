package org.diffusionplayground.bench;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the optional peers of the suite. */
public final class Peers {

    /** A peer that could be opened, or why not. */
    public record Found<T>(Optional<T> peer, String reason) {
    }

    private Peers() {
    }

    /** The libtorch peer if the bench build put it on the class path and libtorch loads here. */
    public static Found<LibtorchPeer> libtorch() {
        Optional<LibtorchPeer.Provider> provider;
        try {
            provider = ServiceLoader.load(LibtorchPeer.Provider.class).findFirst();
        } catch (ServiceConfigurationError e) {
            // a service entry left behind by an earlier bench build whose classes are gone
            return new Found<>(Optional.empty(), "the bench build's classes are incomplete (" + e.getMessage()
                    + "); rebuild with ./mvnw -Pbench -DskipTests package");
        }
        if (provider.isEmpty()) {
            return new Found<>(Optional.empty(),
                    "not in this build (./mvnw -Pbench -DskipTests package puts it on the class path)");
        }
        try {
            return new Found<>(Optional.of(provider.get().open()), "");
        } catch (Exception | LinkageError e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            return new Found<>(Optional.empty(), "libtorch did not load: " + why);
        }
    }
}
