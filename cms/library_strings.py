"""Django's and allauth's own strings whose Spanish we reword (usted, US Spanish, our terms).

Their Spanish is in locale/es (LOCALE_PATHS is read before every app's catalog). Listed here so
`make messages` finds them in our source and keeps them: it drops catalog entries it cannot find.
"""

from django.utils.translation import gettext_noop

LIBRARY_STRINGS = [
    gettext_noop("p.m."),
    gettext_noop("a.m."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Please select only one."),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Invalid login."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("We've sent a code to %(recipient)s. The code expires shortly, so please enter it soon."),
    gettext_noop("Enter Email Verification Code"),
    gettext_noop("Enter Password Reset Code"),
    gettext_noop("Password Reset"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup for an\naccount"
        " using email address:\n\n%(email)s\n\nHowever, an account using that email address already"
        " exists.  In case you have\nforgotten about this, please use the password forgotten procedure"
        " to recover\nyour account:\n\n%(password_reset_url)s"
    ),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email address to"
        " register an account on %(site_domain)s."
    ),
    gettext_noop("Your email verification code is listed below. Please enter it in your open browser window."),
    gettext_noop("To confirm this is correct, go to %(activate_url)s"),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Your password reset code is listed below. Please enter it in your open browser window."),
    gettext_noop("Your sign-in code is listed below. Please enter it in your open browser window."),
    gettext_noop("This mail can be safely ignored if you did not initiate this action."),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_noop(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a'
        " new email confirmation request</a>."
    ),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_noop("Sign up using a passkey"),
    gettext_noop("Sign in with a passkey"),
    gettext_noop("Sign Up"),
    gettext_noop("Signup"),
    gettext_noop(
        "You currently do not have any email address set up. You should really add an email address so"
        " you can receive notifications, reset your password, etc."
    ),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the"
        " signup process. If you do not see the verification email in your main inbox, check your spam"
        " folder. Please contact us if you do not receive the verification email within a few minutes."
    ),
    gettext_noop(
        "We have sent an email to you for\nverification. Please click on the link inside that email."
        " If you do not see the verification email in your main inbox, check your spam folder."
        " Otherwise\ncontact us if you do not receive it within a few minutes."
    ),
    gettext_noop('<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.'),
    gettext_noop("Bad Token"),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  Please"
        ' request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder."
        " Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Enter your password:"),
    gettext_noop("Your account is protected by two-factor authentication. Please enter an authenticator code:"),
    gettext_noop("Username can not be used. Please use other username."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("In case you forgot, your username is %(username)s."),
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("You have signed out."),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("Password successfully changed."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Email (again)"),
    gettext_noop("Username"),
    gettext_noop("Username or email"),
    gettext_noop("Invalid or expired key."),
    gettext_noop("This account is inactive."),
]
