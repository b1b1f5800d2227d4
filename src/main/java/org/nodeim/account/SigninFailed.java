package org.nodeim.account;

/**
 * A chat signin or recovery answer that failed, fired once the attempt's transaction is over.
 *
 * @param account the account tried: {@code #id} of an existing user, else the name given
 * @param address where the attempt came from
 */
public record SigninFailed(String account, String address) {
}
