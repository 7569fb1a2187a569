while x do goto cont; local y = 1; ::cont:: end
