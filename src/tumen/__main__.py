from tumen.cli.commands import main

main()
