# rospy peer: offers std_srvs/SetBool; data=true succeeds, data=false raises (an error reply).
# usage: set_bool_server.py NODE_NAME SERVICE
import sys
import rospy
from std_srvs.srv import SetBool, SetBoolResponse

rospy.init_node(sys.argv[1])


def handle(req):
    if not req.data:
        raise Exception("refusing false")
    return SetBoolResponse(success=True, message="enabled by rospy")


rospy.Service(sys.argv[2], SetBool, handle)
print("serving", flush=True)
rospy.spin()
