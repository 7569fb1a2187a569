goto const
