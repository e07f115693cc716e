"""Tests of the endpoints added with `apictl add endpoint`: each calls its route as the contract describes it."""


# apictl:tests - apictl add endpoint adds tests above this line.
