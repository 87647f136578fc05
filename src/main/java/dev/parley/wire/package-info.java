/** The wire protocol: frames as records, the JSON-B codec, names, codes and the text rule. */
package dev.parley.wire;
