do ::a:: do ::a:: end end
::b::
::b::
