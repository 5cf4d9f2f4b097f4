print("agri-operator")
