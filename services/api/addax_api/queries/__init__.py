"""Image filters and the SQL they become: shared by the images, cameras and stats domains, so none of
them imports another domain's internals."""
