"""Page scripts for ``st.navigation``: files (not callables) so ``AppTest.switch_page`` can open them."""
