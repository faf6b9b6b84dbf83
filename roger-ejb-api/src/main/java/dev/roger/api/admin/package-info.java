/**
 * What operators see of a Roger cluster: {@link dev.roger.api.admin.ClusterInfo} and its parts,
 * returned by {@link dev.roger.api.RogerAdmin#info()}. Immutable values; job arguments are never
 * part of them.
 */
package dev.roger.api.admin;
