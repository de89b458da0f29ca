# Sourced first by the shell checks (tests/*/check_*.sh), before they name their arguments: an unset
# variable is an error, $work is a scratch directory removed on exit (a check that needs more on
# exit sets its own trap and removes $work there), and $failures counts the failed checks, which
# the check's last line turns into its exit status.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
