/** Direct messages between users: routing by {@code to}, acks, the offline inbox and resume. */
package dev.parley.direct;
