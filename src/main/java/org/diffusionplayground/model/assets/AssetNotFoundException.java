package org.diffusionplayground.model.assets;

import java.io.FileNotFoundException;

/** A bundled file could not be found; the message lists every place that was searched. */
public final class AssetNotFoundException extends FileNotFoundException {

    private static final long serialVersionUID = 1L;

    public AssetNotFoundException(String message) {
        super(message);
    }
}
