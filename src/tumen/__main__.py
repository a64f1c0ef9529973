from tumen.cli import main

main()
