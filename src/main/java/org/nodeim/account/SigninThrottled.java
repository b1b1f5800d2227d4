package org.nodeim.account;

import org.nodeim.account.LoginThrottle.Realm;

/**
 * A signin refused with 429 before its password or token was even checked: the account, or
 * the address, failed too often lately.
 *
 * @param realm chat users or the console
 * @param address where the attempt came from
 */
public record SigninThrottled(Realm realm, String address) {
}
