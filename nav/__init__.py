"""NAV and Altinn: sick notes in, follow-up plans out, through Maskinporten (README "NAV")."""
