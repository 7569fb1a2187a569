x = a ? b :
