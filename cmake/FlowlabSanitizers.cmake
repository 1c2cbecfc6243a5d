# ASan + UBSan for the whole build when FLOWLAB_SANITIZE is on. test.sh builds the
# engine and its tests this way in a separate tree, so memory errors fail CI.
if(FLOWLAB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
