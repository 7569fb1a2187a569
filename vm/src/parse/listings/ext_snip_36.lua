::const:: goto const
